from . import auth_signup
from . import documents
from . import portal
from . import tickets
from . import api
from . import notices
from . import web
