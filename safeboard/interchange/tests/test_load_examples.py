from django.core.management import call_command

from safeboard.accounts.models import User
from safeboard.partnerships.models import Agency, Membership, Partnership

ROLES = ["manager", "chair", "groupchair", "agencylead", "analyst", "member"]


def test_it_loads_both_examples_with_a_demo_account_per_role(db, monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "demo password for tests")
    call_command("load_examples")
    out = capsys.readouterr().out
    assert set(Partnership.objects.values_list("slug", flat=True)) == {
        "lincolnshire",
        "north-east-lincolnshire",
    }
    for slug in ("lincolnshire", "north-east-lincolnshire"):
        for prefix in ROLES:
            email = f"{prefix}@{slug}.example"
            assert email in out
            assert Membership.objects.filter(partnership__slug=slug, user__email=email).exists()
    demo = User.objects.get(email="demo@example.org")
    assert set(demo.memberships.values_list("role", flat=True)) == {"manager"}
    assert demo.memberships.count() == 2
    assert "Password for every demo account: demo password for tests" in out
    assert User.objects.get(email="agencylead@lincolnshire.example").check_password(
        "demo password for tests"
    )
    assert Agency.objects.filter(partnership__slug="lincolnshire").count() == 14
    assert User.objects.get(email="admin@example.org").is_site_admin
    assert not User.objects.get(email="admin@example.org").memberships.exists()


def test_it_can_run_again_without_duplicating_anything(db, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    call_command("load_examples", "--quiet")
    counts = (User.objects.count(), Membership.objects.count(), Agency.objects.count())
    call_command("load_examples", "--quiet")
    assert (User.objects.count(), Membership.objects.count(), Agency.objects.count()) == counts
