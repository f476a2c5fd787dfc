"""Placements: a worker at an employer, the people around them, deadlines, after-sales, reminders."""
