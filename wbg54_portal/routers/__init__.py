from . import auth
from . import registration
from . import me
from . import contracts
from . import shares
from . import documents
from . import notices
from . import devices
from . import preferences
from . import tickets

# the routers of the app 54er2go, in the order of its description
ROUTERS = [
    auth.router,
    registration.router,
    me.router,
    contracts.router,
    shares.router,
    documents.router,
    notices.router,
    tickets.router,
    devices.router,
    preferences.router,
]
