"""Checks on a release's figures that every way in uses: the results desk's form and the
CSV importer (and, after them, the registrar's feed)."""

from decimal import Decimal

# Shares are rounded by their sources; several rounded up may pass 100 by a little.
SHARE_TOLERANCE = Decimal("0.5")


def shares_over_100(shares):
    """The total of these shares where it is more than rounding explains, else None."""
    total = sum(share for share in shares if share is not None)
    return total if total > 100 + SHARE_TOLERANCE else None
