"""Accounts: the partner organisations, employers' organisations, users, roles, MFA and the audit trail."""
