"""The shipped classifier, its training and evaluation, and the labeled datasets it reads."""
