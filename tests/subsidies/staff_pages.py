"""What the tests of the staff pages share: the URLs and reading a page."""

from initiatives.subsidies.models import SubsidyFile

S = SubsidyFile.Status
BASE = "/beheer/subsidies/"


def file_url(file, step=""):
    return f"{BASE}dossiers/{file.reference}/{step + '/' if step else ''}"


def html_of(response) -> str:
    return response.content.decode()


def page(client, user, url):
    client.force_login(user)
    return client.get(url)
