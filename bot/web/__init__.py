"""What the chat channels serve over HTTP besides the chat itself: the
download of a conversation's record and its history, each behind a
per-conversation key (``bot.web.sleutel``)."""
