"""The moderator dashboard: server-rendered pages under ``/ui`` of ``chatcredit serve``
(Jinja2 templates, a stylesheet and a little JavaScript of our own, all in the package:
no build step, no network). Reads come from the engine; every act is a write of the
service's one writer, the moderator being the signed-in key's name."""
