from django.contrib import admin

admin.site.site_header = "Tally editors' desk"
admin.site.site_title = "Tally desk"
admin.site.index_title = "Stories, candidates and counts"
