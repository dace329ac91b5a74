"""Storing ICPs: 3 to 4 criteria, one per attribute, and create/update/list/delete on a real workspace."""

from pathlib import Path

import pytest
from sqlmodel import Session, select

from models.tables import IcpCriterion
from synthesis.icp.criteria import Criterion, parse_criterion
from synthesis.icp.store import IcpError, create_icp, delete_icp, interviewed_companies, list_icps, update_icp
from tests.unit.persona_rows import add_company, add_interview, new_workspace

THREE = [parse_criterion(t) for t in ("employees:100-1000", "industry:saas", "geography:US")]


@pytest.mark.parametrize("count", [0, 2, 5])
def test_fewer_than_three_or_more_than_four_criteria_is_an_error(tmp_path: Path, count: int) -> None:
    texts = ["employees:100-1000", "industry:saas", "geography:US", "tech:Salesforce", "funding:seed"]
    engine = new_workspace(tmp_path)
    with Session(engine) as session, pytest.raises(IcpError, match="3 to 4 criteria"):
        create_icp(session, "Core", [parse_criterion(t) for t in texts[:count]])


def test_repeated_attribute_is_an_error(tmp_path: Path) -> None:
    engine = new_workspace(tmp_path)
    with Session(engine) as session, pytest.raises(IcpError, match="employees"):
        create_icp(session, "Core", [*THREE[:2], parse_criterion("size:5-50")])


def test_create_list_update_delete(tmp_path: Path) -> None:
    engine = new_workspace(tmp_path)
    with Session(engine) as session:
        icp_id = create_icp(session, "Mid-market SaaS", THREE, "Our best customers")
        with pytest.raises(IcpError, match="already exists"):
            create_icp(session, "mid-market saas", THREE)
        [icp] = list_icps(session)
        assert (icp.id, icp.name, icp.description) == (icp_id, "Mid-market SaaS", "Our best customers")
        assert [c.attribute for c in icp.criteria] == ["employees", "industry", "geography"]
        assert icp.criteria[2].spec == {"places": ["United States"]}

        update_icp(
            session, icp_id, name="Core", criteria=[*THREE, Criterion("tech_stack", {"tools": ["Gong"]})]
        )
        [icp] = list_icps(session)
        assert icp.name == "Core"
        assert len(icp.criteria) == 4
        with pytest.raises(IcpError):
            update_icp(session, icp_id, criteria=THREE[:1])
        assert len(list_icps(session)[0].criteria) == 4

        delete_icp(session, icp_id)
        assert list_icps(session) == []
        assert session.exec(select(IcpCriterion)).all() == []


def test_interviewed_companies_only(tmp_path: Path) -> None:
    engine = new_workspace(tmp_path)
    talked = add_company(engine, "Talked")
    add_company(engine, "Silent")
    add_interview(engine, "one", talked, "CFO", [])
    with Session(engine) as session:
        assert [c.name for c in interviewed_companies(session)] == ["Talked"]
