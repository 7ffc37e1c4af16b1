"""What happens to a seller that other parts of the marketplace follow, without sellers importing them.

Both are sent inside the decision's transaction, so what a receiver writes commits with it:
- `seller_access_changed(seller=, allowed=)`: the seller centre opened to the seller (activation,
  reactivation) or closed (suspension). The CMS opens or closes the seller's corner
  (`marketplace.cms.receivers`).
- `seller_activated(seller=)`: the seller became active. Purchases gives a new shop its default
  shipping options (`marketplace.purchases.receivers`).
"""

from django.dispatch import Signal

seller_access_changed = Signal()
seller_activated = Signal()
