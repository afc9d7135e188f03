"""Names for the fields of an inline's rows.

A tabular inline shows each field's label once, in the table's header, so a screen
reader meets a row's inputs with no name: "edit text" three times over. Each field of
each row is named here after its column and its row ("Votes, Karen Bass").
"""

from django import forms


class LabelledRowsFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = self.row_name(form, index)
        for name, field in form.fields.items():
            if field.widget.is_hidden:
                continue
            label = str("Delete" if name == "DELETE" else (field.label or name.replace("_", " ")))
            # The admin wraps a foreign key's widget (RelatedFieldWidgetWrapper); the select
            # it draws is the inner one's.
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs["aria-label"] = f"{label[:1].upper()}{label[1:]}, {row}"

    def row_name(self, form, index):
        """What tells this row from the others: the saved row, or its place."""
        if form.instance.pk:
            return str(form.instance)
        return f"new row {index + 1}" if index is not None else "new row"
