from . import controllers
from . import fastapi_dispatcher
from . import models
from . import tools
from . import wizard
