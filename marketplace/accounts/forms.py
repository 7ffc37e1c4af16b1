"""Forms that change an account's e-mail address, each refusing one that is already taken."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.users import forms as wagtail_user_forms

from .selectors import email_in_use

EMAIL_TAKEN = _("Another account already uses this e-mail address.")


class UniqueEmailMixin:
    """For a ModelForm of the user: its `email` may not be another account's, in any letter case."""

    def clean_email(self):
        clean = getattr(super(), "clean_email", None)
        email = clean() if clean else self.cleaned_data.get("email", "")
        if email_in_use(email, exclude_user=self.instance):
            raise ValidationError(EMAIL_TAKEN, code="email_taken")
        return email


class AccountEmailForm(UniqueEmailMixin, forms.ModelForm):
    """The e-mail panel of Wagtail's account page (/cms/account/)."""

    email = forms.EmailField(required=True, label=_("E-mail address"))

    class Meta:
        model = get_user_model()
        fields = ["email"]


class AdminUserChangeForm(UniqueEmailMixin, auth_forms.UserChangeForm):
    pass


class AdminUserCreationForm(UniqueEmailMixin, auth_forms.AdminUserCreationForm):
    class Meta(auth_forms.AdminUserCreationForm.Meta):
        fields = ("username", "email")


class WagtailUserCreationForm(UniqueEmailMixin, wagtail_user_forms.UserCreationForm):
    pass


class WagtailUserEditForm(UniqueEmailMixin, wagtail_user_forms.UserEditForm):
    pass
