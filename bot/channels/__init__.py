"""Deelwijzer's input channels for Rasa, named in credentials.yml: the web
chat (socket.io, ``web``), Microsoft Teams (``teams``) and REST with a token
(``rest``)."""
