"""Pages of long story lists without COUNT(*).

Counting 100,000 stories (or every story under a popular tag) cost more than
fetching the page itself. These pages fetch one row more than they show, so they
know whether another page follows, and say "Page 3" rather than "Page 3 of 512".
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404

MAX_PAGE = 1_000_000


class UncountedPage(Page):
    def __init__(self, object_list, number, paginator, has_next):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self):
        return self._has_next


class UncountedPaginator(Paginator):
    # Templates show "of N" only where the total is known.
    num_pages = None

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger("That page number is not an integer") from exc
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        if number > MAX_PAGE:
            # Past this the offset overflows PostgreSQL's bigint: a 404, not a 500.
            raise EmptyPage("That page contains no results")
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        return UncountedPage(rows[: self.per_page], number, self, len(rows) > self.per_page)

    def get_page(self, number):
        """The asked page; the first for a missing or garbled number; 404 past the end."""
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage as exc:
            raise Http404(str(exc)) from exc


def paginate(queryset, request, per_page):
    return UncountedPaginator(queryset, per_page).get_page(request.GET.get("page"))
