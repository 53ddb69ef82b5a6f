"""Records: the message archive's retention, legal holds, the data-subject export and
erasure, and the hash-chained audit log. The pure parts; the store and service do I/O."""
