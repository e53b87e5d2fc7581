from . import res_company
from . import res_config_settings
from . import res_partner
from . import wbg54_building
from . import wbg54_unit
from . import wbg54_contract
from . import wbg54_contract_fee_line
from . import wbg54_share_movement
