from . import auth_signup
from . import documents
from . import portal
from . import tickets
from . import notices
from . import web
from . import app_sign_ins
