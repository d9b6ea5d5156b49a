"""The PyPI georeport client, unchanged, against a live server in both of its formats."""

import pytest
from georeport import GeoReport

from palaute.feedback.services import LocationInput, add_answer, submit_feedback

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def published(topics):
    feedback = submit_feedback(
        topic=topics["lights"],
        title="Valo",
        text="Katuvalo ei pala.",
        location=LocationInput(latitude=62.89, longitude=27.67, address="Tori"),
    ).feedback
    add_answer(feedback=feedback, text="Korjattu.", notify=False)
    return feedback


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_client_reads_everything(live_server, published, output_format):
    client = GeoReport(
        f"{live_server.url}/open311/v2/", jurisdiction="kuopio.fi", output_format=output_format
    )
    services = client.get_service_list()
    codes = {service["service_code"] for service in services}
    assert {"street-lights", "maintenance", "clinics"} <= codes
    definition = client.get_service_definition("street-lights")
    assert definition["service_code"] == "street-lights"
    requests = client.get_service_requests(status="closed", service_code="street-lights")
    request = requests[0] if isinstance(requests, list) else requests
    assert request["service_request_id"] == published.reference
    assert request["status_notes"] == "Korjattu."
    single = client.get_service_request(published.reference)
    assert single["service_request_id"] == published.reference
    assert str(single["lat"]) == "62.89"
