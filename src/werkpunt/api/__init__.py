"""The REST API (OpenAPI 3) over the services of the other apps, for partners' systems."""
