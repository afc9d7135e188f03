"""Bring story files into the archive: scraped text, text with a header block, saved web pages.

reading.py turns a file into text (or refuses it), parsing.py and html.py turn text into a
ParsedStory, cleaning.py drops site boilerplate, saving.py writes one story per file in its own
transaction, manifest.py reads per-file metadata, and run.py walks the paths and keeps the tally.

registrar/ reads the county registrar's results feed into checked Python data, and stores it.
"""
