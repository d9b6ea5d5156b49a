"""Signing in and out, passwords, and the user's own settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy, translate_url
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..forms import AccountForm, LoginForm, OutboxPasswordResetForm
from .common import staff_required


class LoginView(auth_views.LoginView):
    template_name = "backoffice/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        """The next page, in the language the user has chosen for the back office."""
        return translate_url(super().get_success_url(), self.request.user.language)


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "backoffice/password_change.html"
    success_url = reverse_lazy("backoffice:account")

    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "backoffice/password_reset.html"
    form_class = OutboxPasswordResetForm
    success_url = reverse_lazy("backoffice:password-reset-done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "backoffice/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "backoffice/password_reset_confirm.html"
    success_url = reverse_lazy("backoffice:login")

    def form_valid(self, form):
        messages.success(self.request, _("Your password was set. You can sign in now."))
        return super().form_valid(form)


@staff_required
def account(request: HttpRequest) -> HttpResponse:
    form = AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your settings were saved."))
        return redirect(translate_url(request.path, user.language))
    return render(
        request, "backoffice/account.html", {"form": form}, status=400 if form.errors else 200
    )


@never_cache
@login_required
def keepalive(request: HttpRequest) -> JsonResponse:
    """Called by the back-office script while someone is working in a page."""
    return JsonResponse({"ok": True})
