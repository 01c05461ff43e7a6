from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self) -> None:
        from anymail.signals import tracking

        from .mail_events import record_mail_event

        tracking.connect(record_mail_event, dispatch_uid="newsletter.record_mail_event")
