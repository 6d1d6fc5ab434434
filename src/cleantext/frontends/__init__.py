"""Front ends: turn a text dump or an HTML page into a list of blocks."""
