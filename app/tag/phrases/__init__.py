"""The words that say what a learner's turn asks of the client, one kind of asking per module. Pure."""
