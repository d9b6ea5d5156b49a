import json

import jsonschema
import pytest
from defusedxml import ElementTree

from palaute.feedback.models import TopicAttribute
from palaute.integrations.services import create_api_key

BASE = "/open311/v2"


@pytest.fixture
def api_key(city, topics):
    _key, raw = create_api_key(name="Testisovellus", organization=city["root"])
    return raw


@pytest.fixture
def questions(topics):
    """The street-light topic asks what is wrong (one choice), which lamps (several) and
    a free note."""
    lights = topics["lights"]
    kind = TopicAttribute.objects.create(
        topic=lights,
        code="vika",
        datatype="singlevaluelist",
        required=True,
        order=1,
        description_fi="Mikä on vialla?",
        description_sv="Vad är fel?",
        description_en="What is wrong?",
    )
    for order, (key, fi) in enumerate(
        [("pimea", "Valo ei pala"), ("vilkkuu", "Valo vilkkuu")], start=1
    ):
        kind.values.create(key=key, name_fi=fi, name_en=key.title(), order=order)
    lamps = TopicAttribute.objects.create(
        topic=lights,
        code="lamput",
        datatype="multivaluelist",
        order=2,
        description_fi="Mitkä valot?",
    )
    for order, key in enumerate(["a", "b", "c"], start=1):
        lamps.values.create(key=key, name_fi=f"Valo {key}", order=order)
    TopicAttribute.objects.create(
        topic=lights, code="maara", datatype="number", order=3, description_fi="Montako valoa?"
    )
    return lights


def check(response, schema, status=200):
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    jsonschema.validate(data, schema)
    return data


def xml(response, root, status=200):
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    tree = ElementTree.fromstring(response.content)
    assert tree.tag == root
    return tree
