"""Dashboard: "mijn werk" for advisers, KPIs for teamleiders and aggregates for the board."""
