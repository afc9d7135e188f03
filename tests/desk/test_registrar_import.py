"""import_registrar: the registrar's feed stored as published, matched to the contests and people
Tally holds. First, the people: ballot names as readers would write them, and matched to the
candidates Tally has."""

import pytest

from desk.importing.registrar.people import People, first_and_last, readable_name
from tests import factories


@pytest.mark.django_db
def test_a_ballot_name_matches_one_candidate_by_first_and_last_word_press_or_ballot_name():
    bass = factories.candidate(
        name="Karen Bass", slug="karen-bass", press_names=["Rep. Karen Bass"]
    )
    de_leon = factories.candidate(name="Kevin de León", slug="kevin-de-leon")
    smith = factories.candidate(name="John Smith", slug="john-smith")
    factories.candidate(name="John A. Smith", slug="john-a-smith")
    alias = factories.candidate(name="Robert Jones", slug="robert-jones", press_names=["BOBBY"])
    people = People()
    assert people.match("KAREN RUTH BASS") == bass
    assert people.match("REP. KAREN BASS") == bass
    assert people.match("KEVIN DE LEON") == de_leon
    assert people.match("JOHN Q. SMITH") is None  # two John Smiths: nobody
    assert people.match("Bobby") == alias
    assert people.match("KAREN RUTH BASS", standing=[bass]) is None
    assert smith.pk
    new = people.new("KAREN BASS")
    assert (new.name, new.slug) == ("Karen Bass", "karen-bass-2")


@pytest.mark.django_db
def test_a_ballot_name_stored_on_a_candidacy_matches_its_candidate():
    candidacy = factories.candidacy(candidate=factories.candidate(name="Bob Diaz", slug="bob-diaz"))
    candidacy.ballot_name = 'ROBERTO "BOB" DÍAZ'
    candidacy.save()
    assert People().match('Roberto "Bob" Diaz') == candidacy.candidate


@pytest.mark.parametrize(
    "ballot_name, name",
    [
        ("KEVIN DE LEÓN", "Kevin de León"),
        ("MCDONALD", "McDonald"),
        ("ANN MCDONALD", "Ann McDonald"),
        ("DAN O'BRIEN", "Dan O'Brien"),
        ("DE'ANDRE VALENCIA", "De'Andre Valencia"),
        ("JOHN SMITH JR.", "John Smith Jr."),
        ("RAUL ORTIZ, JR.", "Raul Ortiz, Jr."),
        ("JOE E. COLLINS III", "Joe E. Collins III"),
        ("AL AUSTIN II", "Al Austin II"),
        ("LOLA SMALLWOOD-CUEVAS", "Lola Smallwood-Cuevas"),
        ("JAMAL EL-AMIN", "Jamal El-Amin"),
        ('EDUARDO "EDDIE" DE LA RIVA', 'Eduardo "Eddie" de la Riva'),
        ("JASJEET (MONICA) KAUR PARMAR", "Jasjeet (Monica) Kaur Parmar"),
        ('G "MAEBE A. GIRL" PUDLO', 'G "Maebe A. Girl" Pudlo'),
        ("ANGÉLICA MARÍA DUEÑAS", "Angélica María Dueñas"),
        ("MACKENZIE MARIE BROWN", "Mackenzie Marie Brown"),
        ("DELARIO M. ROBINSON", "Delario M. Robinson"),
        ("THU LE", "Thu Le"),
        ("Karen Bass", "Karen Bass"),
    ],
)
def test_ballot_names_become_names_a_reader_would_write(ballot_name, name):
    assert readable_name(ballot_name) == name


@pytest.mark.parametrize(
    "name, words",
    [
        ("KAREN RUTH BASS", ("karen", "bass")),
        ("Kevin de León", ("kevin", "leon")),
        ("RAUL ORTIZ, JR.", ("raul", "ortiz")),
        ("JOE E. COLLINS III", ("joe", "collins")),
        ('THURSTON "SMITTY" SMITH', ("thurston", "smith")),
        ("Cher", None),
    ],
)
def test_the_first_and_last_words_of_a_name_leave_out_jr_and_iii(name, words):
    assert first_and_last(name) == words
