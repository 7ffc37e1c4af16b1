"""Order pages of the seller centre: a seller sees and acts on their own lines only; staff see all."""

from django.http import Http404
from oscar.apps.dashboard.orders import views


def _own_lines(lines, user):
    if user.is_staff:
        return lines
    return lines.filter(partner__users=user)


class OrderDetailView(views.OrderDetailView):
    def get_order_lines(self):
        # Oscar shows a partner every line of a mixed order; line actions also go through here,
        # so another shop's line ids posted by hand are ignored as well.
        return _own_lines(super().get_order_lines(), self.request.user)


class LineDetailView(views.LineDetailView):
    def get_object(self, queryset=None):
        line = super().get_object(queryset)
        user = self.request.user
        if not user.is_staff and not (line.partner and line.partner.users.filter(pk=user.pk).exists()):
            raise Http404()
        return line
