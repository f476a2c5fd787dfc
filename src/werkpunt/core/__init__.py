"""The web foundation: base template, home, rules register, health check, security headers."""
