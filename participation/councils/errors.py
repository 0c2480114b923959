class NotAllowed(Exception):
    """An action the rules allow for this person, but not now: the message says why, in Dutch."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return str(self.message)
