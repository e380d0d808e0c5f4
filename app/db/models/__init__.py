"""All models, importable from one place; ``ALL_MODELS`` is in dependency order (parents first)."""

from app.db.models.audit import AuditLog
from app.db.models.demands import Demand, DemandStep
from app.db.models.handbook import HandbookCategory, HandbookCentre, HandbookItem, HandbookText
from app.db.models.org import Building, Community, Grid, Subdistrict
from app.db.models.people import Household, Resident, ResidentTag
from app.db.models.settings import Setting
from app.db.models.staff import User, UserGrid
from app.db.models.visits import Visit, VisitWorker

ALL_MODELS = [
    Subdistrict, Community, Grid, Building,
    User, UserGrid,
    Household, Resident, ResidentTag,
    Setting, AuditLog,
    HandbookCentre, HandbookCategory, HandbookItem, HandbookText,
    Visit, VisitWorker, Demand, DemandStep,
]

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS"]
