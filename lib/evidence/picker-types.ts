/** Data for the criteria picker (a client component): plain, serialisable. */
export interface PickerItem {
  id: string;
  label: string;
  text: string;
}
interface PickerGroup {
  id: string;
  title: string;
  items: PickerItem[];
}
export interface PickerModule {
  slug: string;
  code: string;
  title: string;
  groups: PickerGroup[];
}
