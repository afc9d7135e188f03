"""Path converters for the parts of an address that are dates: a year of four digits and a
month or day of one or two, so an address with a 20-digit year is simply not found,
instead of reaching a view as a number no date can hold."""

from django.urls import register_converter


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class MonthOrDayConverter:
    regex = "[0-9]{1,2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


class UnicodeSlugConverter:
    """A slug that may hold letters of any script: taggit makes "de-león" of "de León"."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def register():
    register_converter(YearConverter, "year")
    register_converter(MonthOrDayConverter, "month")
    register_converter(MonthOrDayConverter, "day")
    register_converter(UnicodeSlugConverter, "tag")
