"""schema.org NewsArticle data for a story, for search engines and news readers."""


def news_article(story, absolute, candidates, elections, corrections=()):
    """A dict ready for JSON; absolute(path) turns a site path into a full URL. The
    candidates and elections are the story's unsuppressed links, as the story page's
    sidebar has already loaded them; the corrections those readers can see."""
    url = absolute(story.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "isAccessibleForFree": True,
    }
    if story.dek:
        data["description"] = story.dek
    if story.published_at:
        data["datePublished"] = story.published_at.isoformat()
    if story.modified_at:
        data["dateModified"] = story.modified_at.isoformat()
    if story.byline:
        data["author"] = [{"@type": "Person", "name": story.byline}]
    if story.publication_id:
        publisher = {"@type": "Organization", "name": story.publication.name}
        if story.publication.url:
            publisher["url"] = story.publication.url
        data["publisher"] = publisher
    tags = [tag.name for tag in story.tags.all()]
    if tags:
        data["keywords"] = tags
    if story.source_url:
        data["isBasedOn"] = story.source_url
    corrections = [
        {
            "@type": "CorrectionComment",
            "name": c.get_kind_display(),
            "text": c.text,
            "datePublished": c.published_at.isoformat(),
        }
        for c in corrections
    ]
    if corrections:
        data["correction"] = corrections
    about = [
        {"@type": "Person", "name": c.name, "url": absolute(c.get_absolute_url())}
        for c in candidates
    ] + [
        {
            "@type": "Event",
            "name": str(e),
            "startDate": e.date.isoformat(),
            "url": absolute(e.get_absolute_url()),
        }
        for e in elections
    ]
    if about:
        data["about"] = about
    return data
