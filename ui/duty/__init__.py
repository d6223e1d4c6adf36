"""值班值宿: the roster calendar and the shift handover pages."""
