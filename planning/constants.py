LETTER_SERIES = "outgoing-letter"
