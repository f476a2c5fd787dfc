"""Matching on tasks: pure Python and numpy, no Django.

Public surface::

    from werkpunt.matching import Candidate, Demand, DemandTask, Matcher
    matcher = Matcher.default()                  # shipped places and task list
    result = matcher.match(candidate, demand)    # constraints, parts, explanation
    ranked = matcher.rank(demand, candidates, k=20)
    pool = matcher.pool(candidates)              # vectorised: build once
    best = matcher.top_k(pool, demand, k=20)
    matrix = matcher.score_matrix(candidates, demands)
    table = matcher.matchtafel(candidates, [(demand, 2)])
    sign_ups = open_hiring_list(open_demand, sign_ups)

See ``docs/matching.md`` for the model, the default weights and the data.
"""

from werkpunt.matching.assignment import Assignment, assign, expand_slots
from werkpunt.matching.catalogue import CatalogueError, Licence, Skill, Task, TaskCatalogue
from werkpunt.matching.constraints import Failure
from werkpunt.matching.core import (
    Candidate,
    Demand,
    DemandTask,
    Match,
    Part,
    PartialJob,
    Suggestion,
    match,
)
from werkpunt.matching.engine import Matcher, MatchtafelResult
from werkpunt.matching.esco import EscoImportError, import_file, import_files
from werkpunt.matching.explain import Reason
from werkpunt.matching.fast import CandidatePool, DemandScores, ScoreMatrix, score_matrix
from werkpunt.matching.loader import load_catalogue, load_places
from werkpunt.matching.open_hiring import OpenHiringList, SignUp, open_hiring_list
from werkpunt.matching.travel import Place, Places, travel_minutes
from werkpunt.matching.vocab import DEFAULT_WEIGHTS, PARTS

__all__ = [
    "DEFAULT_WEIGHTS",
    "PARTS",
    "Assignment",
    "Candidate",
    "CandidatePool",
    "CatalogueError",
    "Demand",
    "DemandScores",
    "DemandTask",
    "EscoImportError",
    "Failure",
    "Licence",
    "Match",
    "Matcher",
    "MatchtafelResult",
    "OpenHiringList",
    "Part",
    "PartialJob",
    "Place",
    "Places",
    "Reason",
    "ScoreMatrix",
    "SignUp",
    "Skill",
    "Suggestion",
    "Task",
    "TaskCatalogue",
    "assign",
    "expand_slots",
    "import_file",
    "import_files",
    "load_catalogue",
    "load_places",
    "match",
    "open_hiring_list",
    "score_matrix",
    "travel_minutes",
]
