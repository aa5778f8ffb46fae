"""What acquisitions puts in the navigation (sub-process 5.2): the department's requests and book provision, the
review, the consolidated orders and the fund's registers; the queues of the acquisitions librarian, the
vice-rector's orders to agree and the director's write-off acts to approve."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.access import roles_rule
from accounts.roles import DIRECTOR, LIBRARIAN_ACQUISITIONS, VICE_RECTOR
from core.navigation import registry

from . import selectors
from .constants import OrderStatus
from .models import WriteOffAct

# The header: each role's main tool (the review for acquisitions and the director, the orders for the vice-rector).
registry.link("acquisitions.header", _("Acquisitions"), "acquisitions:review", "5.2", header=True, workbench=False,
              order=45)
registry.link("acquisitions.orders_header", _("Consolidated orders"), "acquisitions:order_list", "5.2",
              rule=roles_rule(VICE_RECTOR), header=True, workbench=False, order=46)

registry.link("acquisitions.requests", _("Acquisition requests"), "acquisitions:request_list", "5.2", order=10)
registry.link("acquisitions.review", _("Review of department requests"), "acquisitions:review", "5.2", order=20)
registry.link("acquisitions.orders", _("Consolidated orders"), "acquisitions:order_list", "5.2", order=30)
registry.link("acquisitions.receipts", _("Receipts (summary book, part 1)"), "acquisitions:receipt_list", "5.2",
              order=40)
registry.link("acquisitions.write_offs", _("Write-off acts"), "acquisitions:write_off_list", "5.2", order=50)
registry.link("acquisitions.stocktaking", _("Stocktaking"), "acquisitions:stocktaking_list", "5.2", order=60)
registry.link("acquisitions.book_exports", _("Inventory book and summary book (PDF)"), "acquisitions:book_exports",
              "5.2", order=70)
registry.link("acquisitions.provision", _("Book provision"), "acquisitions:provision", "5.2", order=80)

acquiring = roles_rule(LIBRARIAN_ACQUISITIONS)
registry.queue("acquisitions.to_review", _("Department requests to review"), "acquisitions:review", "5.2",
               count=lambda user: selectors.requests_to_review_count(), rule=acquiring, order=10)
registry.queue("acquisitions.at_vice_rector", _("Orders waiting for the vice-rector's agreement"),
               "acquisitions:order_list", "5.2", count=lambda user: selectors.orders_count(OrderStatus.DRAFT),
               rule=acquiring, order=20)
registry.queue("acquisitions.to_procurement", _("Agreed orders to send to procurement"), "acquisitions:order_list",
               "5.2", count=lambda user: selectors.orders_count(OrderStatus.AGREED), rule=acquiring, order=30)
registry.queue("acquisitions.receipts_in_processing", _("Receipts with copies still in cataloguing"),
               "acquisitions:receipt_list", "5.2", count=lambda user: selectors.receipts_in_processing_count(),
               rule=acquiring, order=40)
registry.queue("acquisitions.write_offs_handed_over",
               _("Write-off acts handed over by the desk and storage, to check"), "acquisitions:write_off_list", "5.2",
               count=lambda user: WriteOffAct.objects.handed_over_drafts().count(), rule=acquiring, order=45)
registry.queue("acquisitions.orders_to_agree", _("Consolidated orders to agree"), "acquisitions:order_list", "5.2",
               count=lambda user: selectors.orders_count(OrderStatus.DRAFT), rule=roles_rule(VICE_RECTOR), order=50)
registry.queue("acquisitions.write_offs_to_approve", _("Write-off acts to approve"), "acquisitions:write_off_list",
               "5.2", count=lambda user: selectors.write_off_acts_to_approve_count(), rule=roles_rule(DIRECTOR),
               order=60)

registry.admin_app("acquisitions", "5.2")

# The public list of licensed databases, beside the catalogue in everyone's header (QP 607 §5.5).
registry.link("acquisitions.eresources", _("E-resources"), "eresources:list", "5.2", header=True, workbench=False,
              order=12)
