"""The activities beyond the boards: individual writing, polls, the feedback form."""
