"""Field lengths as the models define them, so an importer refuses what the database would."""


def field_limit(model, name):
    """The longest text a model's field takes."""
    return model._meta.get_field(name).max_length
