"""Forms of the data subject's rights: whom to look for, and the erasure's confirmation."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from palaute.privacy import crypto
from palaute.privacy.selectors import Subject


class SubjectForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=32,
        help_text=_("In any common notation, such as 040 123 4567 or +358 40 123 4567."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and len(crypto.normalize_phone(phone).lstrip("+")) < 5:
            raise ValidationError(_("Enter a valid phone number."), code="phone")
        return phone

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("email") or cleaned.get("phone")):
            raise ValidationError(_("Give an email address or a phone number."), code="empty")
        return cleaned

    def subject(self) -> Subject:
        return Subject(email=self.cleaned_data["email"], phone=self.cleaned_data["phone"])


class SubjectEraseForm(SubjectForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        help_text=_("For example the reference number of the data subject's request."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I have checked what was found, and I understand that the erasure cannot be undone"
        ),
        error_messages={"required": _("Confirm the erasure first.")},
    )
