"""What the archive announces to the layers above it.

The linker writes links and linked text in bulk, which sends no model signals;
this tells whoever keeps copies of pages (public.page_cache) that stories changed.
"""

from django.dispatch import Signal

#: Stories' links changed: story_ids=[...] (those linked again as they were are left
#: out). Sent after the rows are written.
stories_linked = Signal()
