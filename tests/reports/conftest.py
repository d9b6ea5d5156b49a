"""The county of the survey tests (tests/surveys/conftest.py): county › health › centre
and dental, the national questionnaires, a point in every channel of the centre."""

import pytest

from palaute.surveys.services import save_own_statement
from tests.surveys.conftest import *  # noqa: F403 - the county fixtures


@pytest.fixture
def own_statement_for_unit(county, admin):
    """An own statement of the health services, asked in the centre."""
    return save_own_statement(
        organization=county["health"],
        statement=None,
        code="pysakointi",
        texts={
            "text_fi": "Pysäköinti oli helppoa.",
            "text_sv": "Det var lätt att parkera.",
            "text_en": "Parking was easy.",
        },
        order=1,
        is_active=True,
        actor=admin,
    )
