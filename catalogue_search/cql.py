"""CQL (Contextual Query Language, the query language of SRU 1.2), taken apart into a tree (pure, no Django).

The part of CQL a union catalogue or a federated search sends: search clauses `index relation term` or a bare
term, quoted terms with backslash escapes, `and`/`or`/`not` (left to right, as CQL has no precedence) and
parentheses. Prefix maps, relation and boolean modifiers (`/`) and `prox` are refused
with the SRU diagnostic a client understands. Written here because the one PyPI parser (cql-parser 1.0.2, 2023)
vendors a ply generator and installs a top-level `cql` package, the name the Cassandra driver also takes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# SRU 1.2 diagnostics (info:srw/diagnostic/1/N) the parser raises.
QUERY_SYNTAX_ERROR = 10
UNSUPPORTED_RELATION_MODIFIER = 20
UNSUPPORTED_BOOLEAN_OPERATOR = 37
TOO_MANY_BOOLEAN_OPERATORS = 38
UNSUPPORTED_PROXIMITY = 40

BOOLEANS = ("and", "or", "not")
SYMBOL_RELATIONS = ("==", "<>", "<=", ">=", "=", "<", ">")
WORD_RELATIONS = ("any", "all", "adj", "exact", "within", "encloses")
# Each clause is a catalogue search: a query of more is refused (38), and parentheses nest no deeper (10).
MAX_CLAUSES = 16
MAX_DEPTH = 8

_TOKEN_RE = re.compile(r'\s*(?:(?P<quoted>"(?:[^"\\]|\\.)*")|(?P<symbol>==|<>|<=|>=|[()=<>/])'
                       r'|(?P<word>[^\s()=<>/"]+))')


class CQLError(ValueError):
    """A query the service cannot read: `code` is the SRU diagnostic number, `details` what was wrong."""

    def __init__(self, code: int, details: str) -> None:
        super().__init__(details)
        self.code = code
        self.details = details


@dataclass(frozen=True)
class SearchClause:
    index: str  # lower-case, "cql.serverchoice" for a bare term
    relation: str  # lower-case
    term: str


@dataclass(frozen=True)
class BooleanClause:
    operator: str  # "and", "or", "not"
    left: SearchClause | BooleanClause
    right: SearchClause | BooleanClause


@dataclass(frozen=True)
class _Token:
    kind: str  # "quoted", "symbol", "word"
    text: str


def _tokens(query: str) -> list[_Token]:
    tokens = []
    position = 0
    query = query.rstrip()
    while position < len(query):
        match = _TOKEN_RE.match(query, position)
        if not match or match.end() == position:
            raise CQLError(QUERY_SYNTAX_ERROR, f"cannot read the query at character {position + 1}")
        kind = match.lastgroup
        text = match.group(kind)
        if kind == "quoted":
            text = re.sub(r"\\(.)", r"\1", text[1:-1])
        tokens.append(_Token(kind, text))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.position = 0
        self.clauses = 0
        self.depth = 0

    def peek(self, offset: int = 0) -> _Token | None:
        index = self.position + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise CQLError(QUERY_SYNTAX_ERROR, "the query ends where a term was expected")
        self.position += 1
        return token

    def scoped_clause(self) -> SearchClause | BooleanClause:
        clause = self.search_clause()
        while (token := self.peek()) is not None and not (token.kind == "symbol" and token.text == ")"):
            if token.kind != "word":
                raise CQLError(QUERY_SYNTAX_ERROR, f"a boolean operator was expected, not {token.text!r}")
            operator = token.text.lower()
            if operator == "prox":
                raise CQLError(UNSUPPORTED_PROXIMITY, "prox")
            if operator not in BOOLEANS:
                raise CQLError(QUERY_SYNTAX_ERROR, f"a boolean operator was expected, not {token.text!r}")
            self.take()
            modifier = self.peek()
            if modifier is not None and modifier.kind == "symbol" and modifier.text == "/":
                raise CQLError(UNSUPPORTED_BOOLEAN_OPERATOR, f"{operator} with a modifier")
            clause = BooleanClause(operator, clause, self.search_clause())
        return clause

    def search_clause(self) -> SearchClause | BooleanClause:
        token = self.take()
        if token.kind == "symbol" and token.text == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise CQLError(QUERY_SYNTAX_ERROR, f"parentheses nest deeper than {MAX_DEPTH}")
            clause = self.scoped_clause()
            closing = self.take()
            if closing.kind != "symbol" or closing.text != ")":
                raise CQLError(QUERY_SYNTAX_ERROR, "a closing parenthesis is missing")
            self.depth -= 1
            return clause
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise CQLError(TOO_MANY_BOOLEAN_OPERATORS, f"more than {MAX_CLAUSES} search clauses")
        if token.kind == "symbol":
            raise CQLError(QUERY_SYNTAX_ERROR, f"a term was expected, not {token.text!r}")
        if token.kind == "word" and token.text.startswith(">"):
            raise CQLError(QUERY_SYNTAX_ERROR, "prefix maps are not supported")
        relation = self._relation()
        if relation is None:
            return SearchClause("cql.serverchoice", "=", token.text)
        term = self.take()
        if term.kind == "symbol":
            raise CQLError(QUERY_SYNTAX_ERROR, f"a term was expected after {relation!r}")
        return SearchClause(token.text.lower(), relation, term.text)

    def _relation(self) -> str | None:
        """The relation after an index, when the next tokens are one followed by a term."""
        token = self.peek()
        after = self.peek(1)
        if token is None:
            return None
        is_symbol = token.kind == "symbol" and token.text in SYMBOL_RELATIONS
        is_word = token.kind == "word" and token.text.lower() in WORD_RELATIONS
        if not (is_symbol or is_word):
            return None
        if after is not None and after.kind == "symbol" and after.text == "/":
            raise CQLError(UNSUPPORTED_RELATION_MODIFIER, token.text)
        if is_word and (after is None or (after.kind == "symbol" and after.text in "()")):
            return None  # "any" or "all" used as a word and then a boolean/parenthesis: not a relation
        self.take()
        return token.text.lower()


def parse(query: str) -> SearchClause | BooleanClause:
    """The tree of a CQL query; CQLError with the SRU diagnostic when it cannot be read."""
    tokens = _tokens(query or "")
    if not tokens:
        raise CQLError(QUERY_SYNTAX_ERROR, "the query is empty")
    parser = _Parser(tokens)
    clause = parser.scoped_clause()
    if parser.peek() is not None:
        raise CQLError(QUERY_SYNTAX_ERROR, f"unexpected {parser.peek().text!r}")
    return clause
