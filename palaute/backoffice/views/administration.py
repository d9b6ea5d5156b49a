"""The administrator's pages: the organisation tree, topics, users and their roles, each
limited to the part of the tree the administrator role covers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palaute.feedback import critical
from palaute.feedback import services as feedback_services
from palaute.feedback.models import CriticalRule, Topic, TopicAttribute
from palaute.feedback.selectors import topic_tree
from palaute.integrations.selectors import manageable_keys
from palaute.integrations.services import create_api_key, revoke_api_key
from palaute.notifications.services import send_password_link
from palaute.organizations import policy
from palaute.organizations import services as org_services
from palaute.organizations.models import Membership, Organization, User
from palaute.organizations.policy import Action
from palaute.privacy import selectors as privacy_selectors

from ..forms import (
    ApiKeyForm,
    CriticalRuleForm,
    MembershipForm,
    OrganizationForm,
    RuleTestForm,
    TopicForm,
    TopicQuestionForm,
    UserForm,
)
from .common import staff_required


def _require_admin(request: HttpRequest, organization: Organization | None = None) -> None:
    allowed = (
        policy.can(user=request.user, action=Action.ADMINISTER, organization=organization)
        if organization is not None
        else policy.can_anywhere(user=request.user, action=Action.ADMINISTER)
    )
    if not allowed:
        raise PermissionDenied


@staff_required
def organizations(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    return render(
        request,
        "backoffice/admin/organizations.html",
        {"organizations": policy.organizations(user=request.user, action=Action.ADMINISTER)},
    )


def _organization_form(request, *, instance, parent) -> HttpResponse:
    inherited = (
        privacy_selectors.inherited_retention_months(organization=instance)
        if instance is not None
        else privacy_selectors.effective_retention_months(organization=parent)
    )
    form = OrganizationForm(request.POST or None, instance=instance, inherited_retention=inherited)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if instance is None:
            org_services.create_organization(parent=parent, values=values, actor=request.user)
        else:
            instance.refresh_from_db()
            org_services.update_organization(
                organization=instance, values=values, actor=request.user
            )
        messages.success(request, _("The organisation was saved."))
        return redirect("backoffice:admin-organizations")
    return render(
        request,
        "backoffice/admin/organization_form.html",
        {
            "form": form,
            "organization": instance,
            "parent": parent,
        },
        status=400 if form.errors else 200,
    )


@staff_required
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=pk)
    _require_admin(request, organization)
    return _organization_form(request, instance=organization, parent=None)


@staff_required
def organization_create(request: HttpRequest, parent: int) -> HttpResponse:
    parent_node = get_object_or_404(Organization, pk=parent)
    _require_admin(request, parent_node)
    return _organization_form(request, instance=None, parent=parent_node)


def _topic_admin_org(topic: Topic) -> Organization | None:
    try:
        return feedback_services.responsible_organization(topic=topic)
    except ValidationError:
        return None


def _can_admin_topic(request: HttpRequest, topic: Topic) -> bool:
    organization = _topic_admin_org(topic)
    if organization is None:
        return request.user.is_superuser
    return policy.can(user=request.user, action=Action.ADMINISTER, organization=organization)


@staff_required
def topics(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    rows = []

    def walk(nodes):
        for node in nodes:
            rows.append((node.topic, _can_admin_topic(request, node.topic)))
            walk(node.children)

    walk(topic_tree())
    inactive = Topic.objects.filter(state=Topic.State.INACTIVE).order_by("path")
    rows += [(topic, _can_admin_topic(request, topic)) for topic in inactive]
    return render(
        request,
        "backoffice/admin/topics.html",
        {
            "rows": rows,
            "can_add_root": request.user.is_superuser
            or any(
                len(path) == Organization.steplen
                for path in policy.paths_for(user=request.user, action=Action.ADMINISTER)
            ),
        },
    )


def _topic_form(request, *, instance, parent) -> HttpResponse:
    form = TopicForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        above = parent
        if instance is not None and instance.depth > 1:
            above = Topic.objects.get_parent(Topic.objects.get(pk=instance.pk))
        responsible = values["organization"] or (_topic_admin_org(above) if above else None)
        if responsible is None or not policy.can(
            user=request.user, action=Action.ADMINISTER, organization=responsible
        ):
            form.add_error(
                "organization",
                _("Choose a responsible organisation that you administer."),
            )
        else:
            if instance is None:
                feedback_services.create_topic(parent=parent, values=values, actor=request.user)
            else:
                instance.refresh_from_db()
                feedback_services.update_topic(topic=instance, values=values, actor=request.user)
            messages.success(request, _("The topic was saved."))
            return redirect("backoffice:admin-topics")
    return render(
        request,
        "backoffice/admin/topic_form.html",
        {
            "form": form,
            "topic": instance,
            "parent": parent,
            "questions": instance.attributes.prefetch_related("values") if instance else [],
        },
        status=400 if form.errors else 200,
    )


@staff_required
def topic_edit(request: HttpRequest, pk: int) -> HttpResponse:
    topic = get_object_or_404(Topic, pk=pk)
    if not _can_admin_topic(request, topic):
        raise PermissionDenied
    return _topic_form(request, instance=topic, parent=None)


@staff_required
def topic_create(request: HttpRequest) -> HttpResponse:
    parent = None
    if request.GET.get("parent") or request.POST.get("parent"):
        parent = get_object_or_404(
            Topic, pk=request.GET.get("parent") or request.POST.get("parent")
        )
        if not _can_admin_topic(request, parent):
            raise PermissionDenied
    else:
        _require_admin(request)
    return _topic_form(request, instance=None, parent=parent)


def _fully_managed(request: HttpRequest, user: User) -> bool:
    """Whether the administrator may change the account itself (email, name, activity,
    password link): every role of the user lies in the administrator's subtree, and the
    user is not a technical superuser. Roles can be added to anyone with a role inside."""
    if request.user.is_superuser:
        return True
    if user.is_superuser:
        return False
    return all(
        policy.can(
            user=request.user, action=Action.ADMINISTER, organization=membership.organization
        )
        for membership in user.memberships.all()
    )


def _users_in_scope(request: HttpRequest):
    scope = policy.scope(
        user=request.user,
        action=Action.ADMINISTER,
        queryset=Membership.objects.all(),
    )
    return (
        User.objects.filter(memberships__in=scope)
        .distinct()
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("organization"))
        )
        .order_by("last_name", "first_name", "username")
    )


@staff_required
def users(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    return render(request, "backoffice/admin/users.html", {"users": _users_in_scope(request)})


@staff_required
def user_create(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    form = UserForm(request.POST or None)
    membership = MembershipForm(request.POST or None, user=request.user, prefix="role")
    if request.method == "POST" and form.is_valid() and membership.is_valid():
        values = {name: form.cleaned_data[name] for name in UserForm.Meta.fields}
        user = org_services.create_user(values=values, actor=request.user)
        org_services.add_membership(
            user=user,
            organization=membership.cleaned_data["organization"],
            role=membership.cleaned_data["role"],
            actor=request.user,
        )
        send_password_link(user=user)
        messages.success(
            request,
            _("The user was created. A link to set the password was sent to %(email)s.")
            % {"email": user.email},
        )
        return redirect("backoffice:admin-user", pk=user.pk)
    return render(
        request,
        "backoffice/admin/user_form.html",
        {"form": form, "membership": membership},
        status=400 if form.errors or membership.errors else 200,
    )


@staff_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(_users_in_scope(request), pk=pk)
    managed = _fully_managed(request, user)
    if request.method == "POST" and not managed:
        raise PermissionDenied
    form = UserForm(request.POST or None, instance=user, prefix="user")
    membership = MembershipForm(None, user=request.user, prefix="role")
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in UserForm.Meta.fields}
        user.refresh_from_db()
        org_services.update_user(user=user, values=values, actor=request.user)
        messages.success(request, _("The user was saved."))
        return redirect("backoffice:admin-user", pk=user.pk)
    return render(
        request,
        "backoffice/admin/user_edit.html",
        {
            "subject": user,
            "managed": managed,
            "form": form,
            "membership": membership,
            "memberships": [
                (
                    m,
                    policy.can(
                        user=request.user, action=Action.ADMINISTER, organization=m.organization
                    ),
                )
                for m in user.memberships.all()
            ],
        },
        status=400 if form.errors else 200,
    )


@staff_required
@require_POST
def user_add_role(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(_users_in_scope(request), pk=pk)
    form = MembershipForm(request.POST, user=request.user, prefix="role")
    if form.is_valid():
        try:
            org_services.add_membership(
                user=user,
                organization=form.cleaned_data["organization"],
                role=form.cleaned_data["role"],
                actor=request.user,
            )
            messages.success(request, _("The role was added."))
        except ValidationError as error:
            messages.error(request, error.messages[0])
    else:
        messages.error(request, _("Choose an organisation and a role."))
    return redirect("backoffice:admin-user", pk=user.pk)


@staff_required
@require_POST
def user_remove_role(request: HttpRequest, pk: int, membership: int) -> HttpResponse:
    user = get_object_or_404(_users_in_scope(request), pk=pk)
    item = get_object_or_404(
        Membership.objects.select_related("organization", "user"), pk=membership, user=user
    )
    _require_admin(request, item.organization)
    org_services.remove_membership(membership=item, actor=request.user)
    messages.success(request, _("The role was removed."))
    return redirect("backoffice:admin-users")


@staff_required
@require_POST
def user_password_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(_users_in_scope(request), pk=pk)
    if not _fully_managed(request, user):
        raise PermissionDenied
    send_password_link(user=user)
    messages.success(
        request, _("A link to set the password was sent to %(email)s.") % {"email": user.email}
    )
    return redirect("backoffice:admin-user", pk=user.pk)


@staff_required
def api_keys(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    form = ApiKeyForm(request.POST or None, user=request.user)
    created = None
    if request.method == "POST" and form.is_valid():
        _key, created = create_api_key(
            name=form.cleaned_data["name"],
            organization=form.cleaned_data["organization"],
            rate_limit=form.cleaned_data["rate_limit"],
            actor=request.user,
        )
        form = ApiKeyForm(user=request.user)
    response = render(
        request,
        "backoffice/admin/api_keys.html",
        {"keys": manageable_keys(user=request.user), "form": form, "created": created},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def api_key(request: HttpRequest, pk: int) -> HttpResponse:
    key = get_object_or_404(manageable_keys(user=request.user), pk=pk)
    return render(
        request,
        "backoffice/admin/api_key.html",
        {"key": key, "requests": key.requests.all()[:100]},
    )


@staff_required
@require_POST
def api_key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    key = get_object_or_404(manageable_keys(user=request.user), pk=pk)
    revoke_api_key(key=key, actor=request.user)
    messages.success(request, _("The API key was revoked."))
    return redirect("backoffice:admin-api-keys")


def _question_form(request, topic: Topic, question: TopicAttribute | None) -> HttpResponse:
    if not _can_admin_topic(request, topic):
        raise PermissionDenied
    form = TopicQuestionForm(request.POST or None, instance=question, topic=topic)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in TopicQuestionForm.Meta.fields}
        try:
            feedback_services.save_topic_question(
                topic=topic,
                question=TopicAttribute.objects.filter(pk=question.pk).first()
                if question
                else None,
                values=values,
                choices=form.cleaned_data["choices"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("backoffice:admin-topic", pk=topic.pk)
    return render(
        request,
        "backoffice/admin/question_form.html",
        {"form": form, "topic": topic, "question": question},
        status=400 if form.errors else 200,
    )


@staff_required
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _question_form(request, get_object_or_404(Topic, pk=pk), None)


@staff_required
def question_edit(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    topic = get_object_or_404(Topic, pk=pk)
    return _question_form(
        request, topic, get_object_or_404(TopicAttribute, pk=question, topic=topic)
    )


@staff_required
@require_POST
def question_delete(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    topic = get_object_or_404(Topic, pk=pk)
    if not _can_admin_topic(request, topic):
        raise PermissionDenied
    item = get_object_or_404(TopicAttribute, pk=question, topic=topic)
    feedback_services.delete_topic_question(question=item, actor=request.user)
    messages.success(request, _("The question was removed."))
    return redirect("backoffice:admin-topic", pk=topic.pk)


# Critical-feedback rules (C3)


def _visible_rules(request: HttpRequest):
    """The rules that apply in the administrator's part of the tree: those set everywhere,
    above it and within it."""
    rules = CriticalRule.objects.select_related("organization", "updated_by")
    if request.user.is_superuser:
        return rules
    step = Organization.steplen
    above = {
        path[:end]
        for path in policy.paths_for(user=request.user, action=Action.ADMINISTER)
        for end in range(step, len(path), step)
    }
    return rules.filter(
        Q(organization__isnull=True)
        | Q(organization__path__in=above)
        | Q(pk__in=policy.scope(user=request.user, action=Action.ADMINISTER, queryset=rules))
    )


def _can_edit_rule(request: HttpRequest, rule: CriticalRule) -> bool:
    if rule.organization_id is None:
        return policy.can_edit_shared(user=request.user)
    return policy.can(user=request.user, action=Action.ADMINISTER, organization=rule.organization)


@staff_required
def critical_rules(request: HttpRequest) -> HttpResponse:
    """The rules, and a box to try a text against the rules in use."""
    _require_admin(request)
    rules = list(_visible_rules(request))
    test = RuleTestForm(request.POST or None)
    matches = None
    if request.method == "POST" and test.is_valid():
        matches = critical.match_text(
            text=test.cleaned_data["text"], rules=[rule for rule in rules if rule.is_active]
        )
        names = {rule.code: rule.name for rule in rules}
        matches = [(names.get(match.rule_code, match.rule_code), match) for match in matches]
    return render(
        request,
        "backoffice/admin/critical_rules.html",
        {
            "rules": [(rule, _can_edit_rule(request, rule)) for rule in rules],
            "test": test,
            "matches": matches,
        },
        status=400 if test.errors else 200,
    )


def _critical_rule_form(request: HttpRequest, rule: CriticalRule | None) -> HttpResponse:
    everywhere = policy.can_edit_shared(user=request.user)
    form = CriticalRuleForm(
        request.POST or None,
        instance=rule,
        organizations=policy.organizations(user=request.user, action=Action.ADMINISTER),
        everywhere=everywhere,
    )
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in CriticalRuleForm.Meta.fields}
        try:
            saved = feedback_services.save_critical_rule(
                rule=CriticalRule.objects.filter(pk=rule.pk).first() if rule else None,
                values=values,
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The rule was saved."))
            return redirect(saved.get_absolute_url())
    return render(
        request,
        "backoffice/admin/critical_rule_form.html",
        {"form": form, "rule": rule},
        status=400 if form.errors else 200,
    )


@staff_required
def critical_rule_create(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    return _critical_rule_form(request, None)


@staff_required
def critical_rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    rule = get_object_or_404(_visible_rules(request), pk=pk)
    if not _can_edit_rule(request, rule):
        raise PermissionDenied
    return _critical_rule_form(request, rule)
