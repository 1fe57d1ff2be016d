"""The self-check web page and JSON API for officers preparing a plan (``plancheck serve``)."""
