"""Claims: the checkable statements of an article, their quantities and who makes them."""
