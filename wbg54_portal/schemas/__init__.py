from .common import Labelled, Page, Problem, ProblemError
from .auth import AccessToken, AppSignIn, LoginRequest
from .me import (
    Address,
    EmailChangePending,
    EmailChangeRequest,
    PasswordChange,
    Profile,
    ProfileUpdate,
)
from .contract import (
    Building,
    Contract,
    ContractPage,
    ContractSummary,
    FeeLine,
    FeeStep,
    Person,
    Unit,
)
from .share import ShareCapital, ShareMovement, ShareMovementPage
from .document import Document, DocumentCategory, DocumentPage
from .notice import Notice, NoticePage
from .device import Device, DevicePage, DeviceRegistration
from .preferences import Channels, ChannelsUpdate, Preferences, PreferencesUpdate
from .ticket import (
    ApplicationCreate,
    ApplicationType,
    ApplicationTypeList,
    DamageCategoryList,
    RequestClose,
    RequestDetail,
    RequestPage,
    RequestSummary,
)
