from django.urls import path

from palaute.site.urls import ReferenceConverter  # noqa: F401 - registers <reference:…>

from .views import account, administration, feedback, queue, templates

app_name = "backoffice"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("login/", account.LoginView.as_view(), name="login"),
    path("logout/", account.LogoutView.as_view(), name="logout"),
    path("keepalive/", account.keepalive, name="keepalive"),
    path("account/", account.account, name="account"),
    path("account/password/", account.PasswordChangeView.as_view(), name="password-change"),
    path("password-reset/", account.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password-reset/sent/",
        account.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("feedback/<reference:reference>/", feedback.feedback_detail, name="feedback"),
    path("feedback/<reference:reference>/contact/", feedback.show_contact, name="contact"),
    path("feedback/<reference:reference>/status/", feedback.change_status, name="status"),
    path("feedback/<reference:reference>/answer/", feedback.answer, name="answer"),
    path("feedback/<reference:reference>/estimate/", feedback.estimate, name="estimate"),
    path("feedback/<reference:reference>/contacted/", feedback.contacted, name="contacted"),
    path("feedback/<reference:reference>/forward/", feedback.forward, name="forward"),
    path("feedback/<reference:reference>/topic/", feedback.change_topic, name="topic"),
    path("feedback/<reference:reference>/critical/", feedback.critical, name="critical"),
    path("feedback/<reference:reference>/moderate/", feedback.moderate, name="moderate"),
    path("feedback/<reference:reference>/redact/", feedback.redact, name="redact"),
    path("feedback/<reference:reference>/release/", feedback.release, name="release"),
    path("feedback/<reference:reference>/remove/", feedback.remove, name="remove"),
    path(
        "feedback/<reference:reference>/answers/<int:pk>/remove/",
        feedback.remove_answer,
        name="remove-answer",
    ),
    path(
        "feedback/<reference:reference>/attachments/<int:pk>/",
        feedback.attachment_file,
        name="attachment",
    ),
    path(
        "feedback/<reference:reference>/attachments/<int:pk>/visibility/",
        feedback.attachment_visibility,
        name="attachment-visibility",
    ),
    path("templates/", templates.template_list, name="templates"),
    path("templates/new/", templates.template_create, name="template-create"),
    path("templates/<int:pk>/", templates.template_edit, name="template-edit"),
    path("admin/organizations/", administration.organizations, name="admin-organizations"),
    path(
        "admin/organizations/<int:pk>/",
        administration.organization_edit,
        name="admin-organization",
    ),
    path(
        "admin/organizations/<int:parent>/new/",
        administration.organization_create,
        name="admin-organization-create",
    ),
    path("admin/topics/", administration.topics, name="admin-topics"),
    path("admin/topics/new/", administration.topic_create, name="admin-topic-create"),
    path("admin/topics/<int:pk>/", administration.topic_edit, name="admin-topic"),
    path(
        "admin/topics/<int:pk>/questions/new/",
        administration.question_create,
        name="admin-question-create",
    ),
    path(
        "admin/topics/<int:pk>/questions/<int:question>/",
        administration.question_edit,
        name="admin-question",
    ),
    path(
        "admin/topics/<int:pk>/questions/<int:question>/delete/",
        administration.question_delete,
        name="admin-question-delete",
    ),
    path("admin/users/", administration.users, name="admin-users"),
    path("admin/users/new/", administration.user_create, name="admin-user-create"),
    path("admin/users/<int:pk>/", administration.user_edit, name="admin-user"),
    path("admin/users/<int:pk>/roles/", administration.user_add_role, name="admin-user-role"),
    path(
        "admin/users/<int:pk>/roles/<int:membership>/remove/",
        administration.user_remove_role,
        name="admin-user-role-remove",
    ),
    path("admin/api-keys/", administration.api_keys, name="admin-api-keys"),
    path("admin/api-keys/<int:pk>/", administration.api_key, name="admin-api-key"),
    path(
        "admin/api-keys/<int:pk>/revoke/",
        administration.api_key_revoke,
        name="admin-api-key-revoke",
    ),
    path(
        "admin/users/<int:pk>/password-link/",
        administration.user_password_link,
        name="admin-user-password",
    ),
]
