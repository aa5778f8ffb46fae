"""The CQL the SRU service reads: clauses, booleans left to right, quoted terms, and the diagnostics of what it
cannot read."""

from __future__ import annotations

import pytest

from catalogue_search.cql import BooleanClause, CQLError, SearchClause, parse


def test_a_bare_term_searches_the_server_choice():
    assert parse("геология") == SearchClause("cql.serverchoice", "=", "геология")


def test_index_and_relation_are_read_lower_case():
    assert parse("Title = Mining") == SearchClause("title", "=", "Mining")
    assert parse("dc.creator ANY \"Smith Ivanov\"") == SearchClause("dc.creator", "any", "Smith Ivanov")


def test_a_quoted_term_keeps_spaces_and_escaped_quotes():
    assert parse(r'title="Қаныш \"Сәтбаев\" өмірі"') == SearchClause("title", "=", 'Қаныш "Сәтбаев" өмірі')


def test_symbol_relations_need_no_spaces():
    assert parse("year>=2020") == SearchClause("year", ">=", "2020")
    assert parse("year<>2020") == SearchClause("year", "<>", "2020")


def test_booleans_chain_left_to_right():
    tree = parse("a or b and c")
    assert tree == BooleanClause("and", BooleanClause("or", SearchClause("cql.serverchoice", "=", "a"),
                                                      SearchClause("cql.serverchoice", "=", "b")),
                                 SearchClause("cql.serverchoice", "=", "c"))


def test_parentheses_group_a_clause():
    tree = parse("title=mining NOT (author=smith OR year=2019)")
    assert tree.operator == "not"
    assert tree.right == BooleanClause("or", SearchClause("author", "=", "smith"), SearchClause("year", "=", "2019"))


def test_any_used_as_a_word_is_a_term():
    assert parse("any") == SearchClause("cql.serverchoice", "=", "any")


@pytest.mark.parametrize("query", ["", "   ", "title=", "(mining", "mining)", "title = = x", "a and", "a b",
                                   '"unclosed', "and or", ">dc=\"x\" title=y"])
def test_unreadable_queries_are_syntax_error_10(query):
    with pytest.raises(CQLError) as error:
        parse(query)
    assert error.value.code == 10


def test_proximity_is_diagnostic_40():
    with pytest.raises(CQLError) as error:
        parse("a prox b")
    assert error.value.code == 40


def test_relation_modifiers_are_diagnostic_20():
    with pytest.raises(CQLError) as error:
        parse("title =/stem mining")
    assert error.value.code == 20


def test_boolean_modifiers_are_diagnostic_37():
    with pytest.raises(CQLError) as error:
        parse("a and/rel.algorithm=x b")
    assert error.value.code == 37


def test_more_than_the_clause_budget_is_diagnostic_38():
    parse(" or ".join(f"w{n}" for n in range(16)))
    with pytest.raises(CQLError) as error:
        parse(" or ".join(f"w{n}" for n in range(17)))
    assert error.value.code == 38


def test_parentheses_nest_only_so_deep():
    parse("(" * 8 + "a" + ")" * 8)
    with pytest.raises(CQLError) as error:
        parse("(" * 1000 + "a" + ")" * 1000)
    assert error.value.code == 10
