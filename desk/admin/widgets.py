"""The admin's autocomplete, with an empty choice that says what it is.

Django's autocomplete <select> starts an optional field with <option value=""></option>:
select2 needs it to offer "clear", but an option with no text is invalid HTML and reads
as nothing to a screen reader. Here it says "None".
"""

from django.contrib.admin import widgets


class AutocompleteSelect(widgets.AutocompleteSelect):
    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        if value == "" and not label:
            label = "None"
        return super().create_option(name, value, label, selected, index, subindex, attrs)


class NamedEmptyChoice:
    """A ModelAdmin mixin: its autocomplete fields use the widget above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            db = kwargs.get("using")
            kwargs["widget"] = AutocompleteSelect(db_field, self.admin_site, using=db)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
