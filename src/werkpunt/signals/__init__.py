"""Signals: the register of problems in laws and rules that the WSP brings to the lobby."""
